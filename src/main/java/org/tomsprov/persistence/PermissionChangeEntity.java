package org.tomsprov.persistence;

import jakarta.persistence.*;

import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "permission_change")
public class PermissionChangeEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long sequence;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(nullable = false)
    public String email;

    @Column(name = "changed_at", nullable = false)
    public OffsetDateTime changedAt;
}
