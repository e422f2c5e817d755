const {Telegraf}=require('telegraf');new Telegraf(process.env.T).launch();
