require("../lib/bot").start();
