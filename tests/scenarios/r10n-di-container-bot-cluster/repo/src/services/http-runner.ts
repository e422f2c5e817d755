import { injectable } from 'inversify';
import express from 'express';
import { Runner } from '../types';

@injectable()
export class HttpRunner implements Runner {
  async start(): Promise<void> {
    express().get('/healthz', (_req, res) => res.send('ok')).listen(Number(process.env.PORT ?? 3000));
  }
}
