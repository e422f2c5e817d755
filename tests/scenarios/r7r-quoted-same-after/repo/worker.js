setInterval(() => console.log("tick"), 60000);
