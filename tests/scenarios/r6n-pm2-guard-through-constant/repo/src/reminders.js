exports.sendInvoiceReminders = async () => {
  console.log("sending reminders");
};
