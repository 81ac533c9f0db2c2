/** The dictionaries opencc-js ships as plain modules ("source replacement|…" strings); the package types omit them. */
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
