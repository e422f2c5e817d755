export default ['Kyiv', 'Lviv'];
