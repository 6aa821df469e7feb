#include "security/commonpasswords.h"

#include <QSet>

namespace cityops {

extern const char kCommonPasswordsText[];   // generated from resources/passwords/common-passwords.txt (CMake)

namespace {

const QSet<QByteArray> &commonPasswords()
{
    // Read once, on first use, from the text compiled in (a thread-safe static): a few thousand short entries.
    static const QSet<QByteArray> set = [] {
        QSet<QByteArray> s;
        for (const QByteArray &line : QByteArray(kCommonPasswordsText).split('\n')) {
            const QByteArray entry = line.trimmed();
            if (!entry.isEmpty() && !entry.startsWith('#'))
                s.insert(entry.toLower());
        }
        return s;
    }();
    return set;
}

} // namespace

bool isCommonPassword(const QByteArray &password) { return commonPasswords().contains(password.toLower()); }

int commonPasswordCount() { return int(commonPasswords().size()); }

} // namespace cityops
