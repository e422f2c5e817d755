async function main() {
  console.log("warming up");
  setTimeout(() => {
    require("./desk");
  }, 1000);
}

main();
