/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Tests build into their own folder so they never replace a running demo's build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // Packages with native or dynamic requires stay outside the server bundle.
  serverExternalPackages: ['ioredis', 'bullmq', 'pg', '@prisma/adapter-pg'],
  // Lua scripts are read from disk at run time; the production build must carry them.
  outputFileTracingIncludes: { '/**': ['./lib/**/*.lua'] },
  typedRoutes: false,
};

export default nextConfig;
