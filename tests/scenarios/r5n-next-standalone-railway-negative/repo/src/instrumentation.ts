export function register() {
  console.log("server ready");
}
