import { NestFactory } from "@nestjs/core";
import { SchedulerModule } from "./scheduler.module";

NestFactory.createApplicationContext(SchedulerModule);
