package org.tomsprov.persistence;

import jakarta.persistence.*;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.tomsprov.domain.UserStatus;

@Entity
@Table(name = "app_user")
public class UserEntity {

    @Id
    public UUID id;

    @Column(nullable = false, length = 128)
    public String email;

    @Column(name = "first_name", nullable = false)
    public String firstName;

    @Column(name = "last_name", nullable = false)
    public String lastName;

    public String phone;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UserStatus status = UserStatus.ACTIVE;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
