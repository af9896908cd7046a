// The size-limit plugins ship no type declarations; each default export is a list of plugin objects.
declare module '@size-limit/file' {
  const plugins: object[];
  export default plugins;
}
declare module '@size-limit/esbuild' {
  const plugins: object[];
  export default plugins;
}
