export default defineNitroPlugin(() => {
  console.log("db ready");
});
