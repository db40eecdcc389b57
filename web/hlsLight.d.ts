// hls.js ships no declarations for its light build (video-dev/hls.js#7574); its maintainers say
// to use the full build's types and keep to what the light build has, as player.ts does.
declare module 'hls.js/light' {
  export * from 'hls.js';
  export { default } from 'hls.js';
}
