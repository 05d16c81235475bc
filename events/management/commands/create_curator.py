"""manage.py create_curator USERNAME: a staff account in the Curators group."""

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

PASSWORD_VARIABLE = "CURATOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a staff user in the Curators group, who may edit the catalog but not users "
        "or permissions. The password is asked for, or read from the CURATOR_PASSWORD "
        "environment variable when set (for scripts)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        try:
            curators = Group.objects.get(name="Curators")
        except Group.DoesNotExist:
            raise CommandError(
                "There is no Curators group; run `manage.py migrate` first."
            ) from None
        password = os.environ.get(PASSWORD_VARIABLE) or self.ask_password()
        user = User(username=username, email=email, is_staff=True)
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user.set_password(password)
        user.save()
        user.groups.add(curators)
        if options["verbosity"]:
            self.stdout.write(f"Created curator {username}; sign in at /admin/.")

    def ask_password(self):
        if not os.isatty(0):
            raise CommandError(f"No terminal to ask for a password: set {PASSWORD_VARIABLE}.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords did not match.")
        return password
