"""What search engines and social sites read: meta tags and the JSON-LD graph (structured_data) and robots.txt."""
