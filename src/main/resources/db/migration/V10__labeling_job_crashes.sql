-- Claims of a job whose lease ran out while a worker still held it: that worker's process died while
-- labeling the image (a job handed back on shutdown has no owner and does not count). Kept apart from
-- attempts so that an image that may have killed the server is not tried into the same death.
ALTER TABLE labeling_jobs ADD COLUMN crashes INTEGER NOT NULL DEFAULT 0;
