-- An upload row may name the administration year of its role: the current one (empty) or the upcoming one.
ALTER TABLE upload_row ADD COLUMN administration_year VARCHAR(7);
