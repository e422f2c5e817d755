console.log('sending the hourly digest');
