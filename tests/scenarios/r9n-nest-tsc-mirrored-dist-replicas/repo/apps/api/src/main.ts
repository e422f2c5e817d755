import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { connectionString } from '../../../libs/db/src';

@Module({})
class ApiModule {}

console.log('db', connectionString.length);
NestFactory.create(ApiModule).then((app) => app.listen(3000));
