-- The current administration year, as data: it changes only when a state administrator runs the transition,
-- never by the calendar alone. Seeded with the year containing the day of the migration.
CREATE TABLE administration_calendar (
    singleton    BOOLEAN      PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    current_year VARCHAR(7)   NOT NULL,
    changed_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    changed_by   VARCHAR(128) NOT NULL
);
INSERT INTO administration_calendar (current_year, changed_by)
SELECT to_char(y, 'FM0000') || '-' || to_char((y + 1) % 100, 'FM00'), 'system:migration'
FROM (SELECT CASE WHEN extract(month FROM now()) >= 7 THEN extract(year FROM now())::int
                  ELSE extract(year FROM now())::int - 1 END AS y) t;
