import 'takhin-react/styles.css';

// No favicon request: the check treats any failed request as a problem.
export const metadata = { title: 'takhin-react on Next.js', icons: { icon: 'data:,' } };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
