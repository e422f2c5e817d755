export function banner(): void {
  console.log("table bot");
}
