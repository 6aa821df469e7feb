#pragma once

#include <QByteArray>

namespace cityops {

/// Whether `password` is one of the passwords guessers try first: the 10,000 most common of a public set of ten
/// million (resources/passwords/common-passwords.txt, the entries of eight characters or more), compared without
/// regard to ASCII case ("Password1" is "password1"). NIST SP 800-63B asks a verifier to refuse such a password
/// when one is chosen; the ten guesses a lockout allows are spent on exactly these.
bool isCommonPassword(const QByteArray &password);

/// How many passwords the list holds (tests, the docs' figure).
int commonPasswordCount();

} // namespace cityops
