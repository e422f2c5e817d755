export default defineNitroConfig({
  srcDir: "server",
  compatibilityDate: "2025-05-01",
});
