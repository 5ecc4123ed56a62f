"""How content gets published: the editorial groups and their permissions, the Medical review and Publisher
approval workflows, what makes a page a health page, and the admin dashboard panels."""
