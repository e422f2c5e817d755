import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TasksService } from './tasks.service';
import { CronClusterGuard } from './cron-cluster.guard';

@Module({
  imports: [ScheduleModule.forRoot()],
  providers: [TasksService, CronClusterGuard],
})
export class AppModule {}
