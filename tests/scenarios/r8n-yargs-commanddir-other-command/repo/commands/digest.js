exports.command = 'digest [day]';
exports.describe = 'print yesterday\'s tickets';
exports.handler = (argv) => {
  console.log(`tickets of ${argv.day || 'yesterday'}`);
};
