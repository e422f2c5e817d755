import { NestFactory } from '@nestjs/core';
import { JobsModule } from './jobs.module';
import { connectionString } from '../../../libs/db/src';

async function bootstrap() {
  console.log('db', connectionString.length);
  await NestFactory.createApplicationContext(JobsModule);
}
bootstrap();
