-- The users a running transition weighs: same when they hold the same roles at the same organizations in the
-- year ending and the year beginning, so that nothing a consumer sees of them changes. Filled and emptied inside
-- the transition's transaction (the calendar's row lock keeps transitions one at a time); empty otherwise.
CREATE TABLE transition_user (
    user_id UUID    PRIMARY KEY,
    same    BOOLEAN NOT NULL
);
