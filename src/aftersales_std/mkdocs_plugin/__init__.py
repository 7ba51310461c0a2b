"""The MkDocs plugin `aftersales-glossary`: thin hooks that hand the pages of aftersales_std.sitegen to MkDocs."""
