-- Where a goal's target is measured from ("target 75 kg from 80 kg"); NULL: from 0, as every
-- goal before this. A baseline above the target is a goal that goes down.
ALTER TABLE goals ADD COLUMN baseline REAL;
