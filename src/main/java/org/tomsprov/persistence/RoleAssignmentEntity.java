package org.tomsprov.persistence;

import jakarta.persistence.*;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.tomsprov.domain.Role;

@Entity
@Table(name = "role_assignment")
public class RoleAssignmentEntity {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    public UserEntity user;

    @Enumerated(EnumType.STRING)
    @Column(name = "role_id", nullable = false)
    public Role role;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "org_id")
    public OrganizationEntity org;

    /** The LEA of the organization (itself for an LEA, null for the state), for scope queries. */
    @Column(name = "lea_id")
    public Long leaId;

    /** The user's email key ({@code lower(email)}, kept by the database as the email changes), for listings. */
    @Column(name = "email_key", nullable = false)
    public String emailKey;

    @Column(name = "administration_year", nullable = false)
    public String administrationYear;

    @Column(name = "is_primary", nullable = false)
    public boolean primary;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
