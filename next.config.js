/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Tests build into their own folder so they never replace a running demo's build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // Packages with native or dynamic requires stay outside the server bundle.
  serverExternalPackages: ['ioredis', 'bullmq', 'pg', '@prisma/adapter-pg'],
  // Read from disk at run time, so the production build must carry them: the Lua scripts, and
  // the play page's server renderer (scripts/build-h5.ts; its browser files are in public/h5).
  outputFileTracingIncludes: { '/**': ['./lib/**/*.lua', './.h5-build/**'] },
  typedRoutes: false,
  // NEXT_SERVER_MINIFY=0 keeps the server code's names, for a CPU profile one can read (bench/profile-http.ts).
  experimental: { serverMinification: process.env.NEXT_SERVER_MINIFY !== '0' },
  // The console must not be framed (clickjacking). The H5 pages under /play are framed by the host
  // app, so they send their own frame-ancestors, limited to the tenant's host-app origins
  // (lib/h5/render-play-page.ts).
  async headers() {
    const noFraming = [
      { key: 'X-Frame-Options', value: 'DENY' },
      { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
    ];
    return [
      { source: '/', headers: noFraming },
      { source: '/:path((?!play(?:/|$)).*)', headers: noFraming },
    ];
  },
};

export default nextConfig;
