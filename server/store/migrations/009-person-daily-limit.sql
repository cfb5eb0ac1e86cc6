-- Issue 13 (item 5): per-person daily limit per service (tickets one person may take per business day; NULL = no limit)
ALTER TABLE services ADD COLUMN max_per_person_per_day INTEGER;
