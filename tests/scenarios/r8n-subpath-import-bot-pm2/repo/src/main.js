import { standup } from '#bot/standup';

standup.start({ onStart: (me) => console.log(`@${me.username} polling`) });
