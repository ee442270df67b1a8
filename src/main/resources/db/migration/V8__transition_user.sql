-- The users a running transition changes: their roles differ between the year ending and the year beginning, so
-- what consumers see of them changes. Filled and emptied inside the transition's transaction (the calendar's row
-- lock keeps transitions one at a time); empty otherwise.
CREATE TABLE transition_user (
    user_id UUID PRIMARY KEY
);
