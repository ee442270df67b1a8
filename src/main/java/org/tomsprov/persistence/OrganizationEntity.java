package org.tomsprov.persistence;

import jakarta.persistence.*;

import java.time.OffsetDateTime;

import org.tomsprov.domain.OrgStatus;
import org.tomsprov.domain.OrgType;

@Entity
@Table(name = "organization")
public class OrganizationEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 14)
    public String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrgType type;

    @Column(nullable = false)
    public String name;

    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "parent_id")
    public OrganizationEntity parent;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrgStatus status = OrgStatus.ACTIVE;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
