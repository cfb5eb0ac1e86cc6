-- Issue 13 (item 6): grouped alerts carry how many tickets they cover and their texts in zh-CN, zh-TW and en
ALTER TABLE alerts ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE alerts ADD COLUMN messages TEXT;
ALTER TABLE alerts ADD COLUMN updated_at TEXT;
