-- What each disclosure released: each kind with its number of items, one
-- "kind items" a line, and the SHA-256 of the released document, so a copy
-- produced later can be checked against the accounting.
ALTER TABLE disclosures ADD COLUMN released TEXT NOT NULL DEFAULT '';
ALTER TABLE disclosures ADD COLUMN sha256 TEXT NOT NULL DEFAULT '';
