/** @type {import('next').NextConfig} */
const nextConfig = {
  // The check runs Next from a temporary folder: without this, Next looks for a workspace root above it.
  turbopack: { root: import.meta.dirname },
};

export default nextConfig;
