import express from 'express';
import { Cron } from 'croner';

const app = express();
// croner only computes when the next digest is due (no function: nothing is scheduled)
app.get('/next', (req, res) => res.json({ next: new Cron('0 7 * * *').nextRun() }));
// a job created paused and never resumed does not run
const backup = new Cron('0 3 * * *', { paused: true }, () => console.log('backup'));
app.get('/backup-status', (req, res) => res.json({ running: backup.isRunning() }));
app.listen(3000);
