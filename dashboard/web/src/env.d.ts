/** Side-effect style imports Vite bundles. */
declare module '*.css';
