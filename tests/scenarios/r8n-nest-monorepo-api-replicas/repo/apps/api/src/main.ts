import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Module({})
class ApiModule {}

NestFactory.create(ApiModule).then((app) => app.listen(3000));
