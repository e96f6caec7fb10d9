-- Portable SQL: runs on SQLite and PostgreSQL alike. Timestamps are epoch milliseconds (BIGINT).

-- The words q finds (search.SearchWords: lower case, accents folded, base forms): a task's own words
-- (attachment_id NULL: its title and notes) and each image's (its labels as shown, their parents and
-- aliases, the text read in it). head is the word's first three characters: a query word is looked up by
-- equality on (owner, head) whether it is matched whole or as a prefix, which every engine and collation
-- answers from the index alike.
CREATE TABLE search_words (
    owner_id      VARCHAR(32) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    task_id       VARCHAR(32) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    attachment_id VARCHAR(32) REFERENCES attachments (id) ON DELETE CASCADE,
    head          VARCHAR(12) NOT NULL,
    word          VARCHAR(64) NOT NULL
);

CREATE INDEX search_words_lookup ON search_words (owner_id, head, word, task_id);
CREATE INDEX search_words_by_task ON search_words (task_id);
CREATE INDEX search_words_by_attachment ON search_words (attachment_id);

-- What the user changed of an image's labels (labeling.LabelEdits as JSON): kept when the image is labeled
-- again, gone with the image.
CREATE TABLE attachment_label_edits (
    attachment_id VARCHAR(32) PRIMARY KEY REFERENCES attachments (id) ON DELETE CASCADE,
    task_id       VARCHAR(32) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    edits         TEXT        NOT NULL,
    edited_at     BIGINT      NOT NULL
);

CREATE INDEX attachment_label_edits_by_task ON attachment_label_edits (task_id);

-- The label filter's terms learn their owner and the name as shown, for suggestions with counts. Rows
-- written before get both from the next migration, which indexes what is stored already.
ALTER TABLE attachment_label_terms ADD COLUMN owner_id VARCHAR(32);
ALTER TABLE attachment_label_terms ADD COLUMN name VARCHAR(200);

CREATE INDEX attachment_label_terms_by_owner ON attachment_label_terms (owner_id, term);
