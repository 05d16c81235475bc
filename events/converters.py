"""Path converters: a year is exactly four digits, so nothing larger reaches the database."""


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"
