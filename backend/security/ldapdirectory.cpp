#include "security/ldapdirectory.h"

#include "base/connectwatch.h"
#include "base/logging.h"
#include "base/secretfile.h"
#include "security/ldapconnection_p.h"
#include "security/userdirectory.h"

#include <ldap.h>

#include <chrono>

#include <QDateTime>

#include <algorithm>
#include <functional>

#include <memory>

namespace cityops {

QString ldapError(LDAP *ld, int rc)
{
    QString text = QString::fromUtf8(ldap_err2string(rc));
    char *diagnostic = nullptr;
    if (ld && ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &diagnostic) == LDAP_OPT_SUCCESS && diagnostic) {
        if (*diagnostic)
            text += QStringLiteral(" (%1)").arg(QString::fromUtf8(diagnostic));
        ldap_memfree(diagnostic);
    }
    return text;
}

namespace {

/// What an operation sent with the password policy control (draft-behera-ldap-password-policy: OpenLDAP's ppolicy
/// overlay, and others') came back with: its result code and what the policy said of the account.
struct Bound {
    int rc = LDAP_OTHER;
    LDAPPasswordPolicyError policy = PP_noError;   ///< PP_noError: the directory said nothing of the account
    int expiresInS = -1;   ///< the password expires in so many seconds (the policy's warning); -1: not said
    int graceLeft = -1;    ///< expired: so many more binds are allowed with it; -1: not said
};
/// Sends one operation with the password policy control (`send` is given the controls and where to put the message
/// id) and waits for its result: its code and what the policy said with it.
Bound withPolicy(LDAP *ld, int timeoutSeconds, const std::function<int(LDAPControl **controls, int *id)> &send)
{
    LDAPControl *request = nullptr;
    if (const int made = ldap_create_passwordpolicy_control(ld, &request); made != LDAP_SUCCESS)
        return {made};
    LDAPControl *controls[] = {request, nullptr};
    int id = 0;
    Bound out{send(controls, &id)};
    ldap_control_free(request);
    if (out.rc != LDAP_SUCCESS)
        return out;
    LDAPMessage *result = nullptr;
    timeval timeout{timeoutSeconds, 0};
    if (const int got = ldap_result(ld, id, LDAP_MSG_ALL, &timeout, &result); got <= 0) {
        ldap_msgfree(result);
        return {got == 0 ? LDAP_TIMEOUT : LDAP_SERVER_DOWN};
    }
    LDAPControl **returned = nullptr;
    if (const int parsed = ldap_parse_result(ld, result, &out.rc, nullptr, nullptr, nullptr, &returned, 1); parsed != LDAP_SUCCESS)
        return {parsed};
    if (LDAPControl *said = ldap_control_find(LDAP_CONTROL_PASSWORDPOLICYRESPONSE, returned, nullptr)) {
        ber_int_t expiresIn = -1, graceLeft = -1;
        if (ldap_parse_passwordpolicy_control(ld, said, &expiresIn, &graceLeft, &out.policy) != LDAP_SUCCESS) {
            out.policy = PP_noError;
        } else {
            out.expiresInS = expiresIn;
            out.graceLeft = graceLeft;
        }
    }
    ldap_controls_free(returned);
    return out;
}

/// A person's simple bind, asking the directory what its password policy says of the account. A directory that counts
/// wrong passwords itself counts them from every console at once, where each console's own count stays its machine's.
Bound bindAsPerson(LDAP *ld, const QByteArray &dn, berval &credentials, int timeoutSeconds)
{
    return withPolicy(ld, timeoutSeconds, [&](LDAPControl **controls, int *id) {
        return ldap_sasl_bind(ld, dn.constData(), LDAP_SASL_SIMPLE, &credentials, controls, nullptr, id);
    });
}

/// What a person signed in should know of their password, from the directory's policy: expiring soon, or expired
/// with so many sign-ins left before it locks them out. Empty when it said neither.
QString passwordNotice(int expiresInS, int graceLeft)
{
    const QString change = QStringLiteral("Set a new one (Session ▸ Change my password)");
    if (graceLeft >= 0)
        return QStringLiteral("Your password in the directory has expired: %1 more sign-in(s) with it, then it is locked. %2 now.")
            .arg(graceLeft)
            .arg(change);
    if (expiresInS < 0)
        return {};
    const std::int64_t days = (std::int64_t(expiresInS) + 43'200) / 86'400, hours = (std::int64_t(expiresInS) + 1'800) / 3'600;   // the nearest
    const QString in = expiresInS >= 86'400 ? QStringLiteral("%1 day(s)").arg(days) : hours >= 1 ? QStringLiteral("%1 hour(s)").arg(hours) : QStringLiteral("less than an hour");
    return QStringLiteral("Your password in the directory expires in %1. %2 before then, or you cannot sign in.").arg(in, change);
}

/// What the directory's policy said of a new password it refused, as the person should read it; empty when it said
/// nothing of the password.
QString passwordRefusal(LDAPPasswordPolicyError policy)
{
    switch (policy) {
    case PP_passwordTooShort: return QStringLiteral("The directory wants a longer password: choose another.");
    case PP_passwordTooLong: return QStringLiteral("The directory wants a shorter password: choose another.");
    case PP_insufficientPasswordQuality: return QStringLiteral("The directory does not take a password this simple: choose another.");
    case PP_passwordInHistory: return QStringLiteral("The directory remembers this password from before: choose one you have not used.");
    case PP_passwordTooYoung: return QStringLiteral("Your password was changed too recently for the directory to take another yet. Try again later.");
    case PP_passwordModNotAllowed: return QStringLiteral("The directory does not let you set your own password. Ask its administrator.");
    case PP_mustSupplyOldPassword: return QStringLiteral("The directory wants your current password with the new one.");
    default: return {};
    }
}

bool isLoopback(const QString &host)
{
    return host == QLatin1String("localhost") || host.startsWith(QLatin1String("127.")) || host == QLatin1String("::1");
}

Status setOption(LDAP *ld, int option, const void *value, const char *what)
{
    if (ldap_set_option(ld, option, value) != LDAP_OPT_SUCCESS)
        return makeError(QStringLiteral("libldap refused the option %1").arg(QLatin1String(what)));
    return Ok{};
}

} // namespace

namespace {

struct LdapAddress {
    QString scheme, host, base;
    int port = 0;
};

Result<LdapAddress> parseAddress(const QString &uri)
{
    LDAPURLDesc *parsed = nullptr;
    if (ldap_url_parse(uri.toUtf8().constData(), &parsed) != LDAP_URL_SUCCESS || !parsed)
        return makeError(QStringLiteral("\"%1\" is not an LDAP address: write ldaps://HOST[:PORT]/BASE-DN").arg(uri));
    const std::unique_ptr<LDAPURLDesc, decltype(&ldap_free_urldesc)> owned(parsed, &ldap_free_urldesc);
    LdapAddress a;
    a.scheme = QString::fromUtf8(parsed->lud_scheme ? parsed->lud_scheme : "").toLower();
    a.host = QString::fromUtf8(parsed->lud_host ? parsed->lud_host : "");
    a.base = QString::fromUtf8(parsed->lud_dn ? parsed->lud_dn : "");
    if (a.scheme != QLatin1String("ldap") && a.scheme != QLatin1String("ldaps"))
        return makeError(QStringLiteral("\"%1\": the directory is reached with ldaps:// (or ldap://), not %2://").arg(uri, a.scheme));
    if (a.host.isEmpty())
        return makeError(QStringLiteral("\"%1\" names no server: write ldaps://HOST[:PORT]/BASE-DN").arg(uri));
    if (a.base.isEmpty())
        return makeError(QStringLiteral("\"%1\" names no base DN: write ldaps://HOST[:PORT]/BASE-DN, e.g. ldaps://ldap.city.example/dc=city,dc=example").arg(uri));
    LDAPDN dn = nullptr;
    if (ldap_str2dn(a.base.toUtf8().constData(), &dn, LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS)
        return makeError(QStringLiteral("\"%1\": %2 is not a valid DN").arg(uri, a.base));
    ldap_dnfree(dn);
    a.port = parsed->lud_port > 0 ? parsed->lud_port : (a.scheme == QLatin1String("ldaps") ? 636 : 389);
    return a;
}

} // namespace

Status LdapDirectory::checkAddress(const QString &uri)
{
    if (auto address = parseAddress(uri); !address)
        return makeError(address.error());
    return Ok{};
}

Result<std::unique_ptr<LdapDirectory>> LdapDirectory::open(const QString &uri, LdapMapping mapping)
{
    auto parsed = parseAddress(uri);
    if (!parsed)
        return makeError(parsed.error());
    const LdapAddress &a = parsed.value();
    if (a.scheme == QLatin1String("ldap") && !mapping.startTls && !isLoopback(a.host))
        return makeError(QStringLiteral("\"%1\": ldap:// would send passwords to %2 in clear; use ldaps://, or set \"startTls\": true in the mapping")
                             .arg(uri, a.host));
    const QString host = a.host.contains(QLatin1Char(':')) ? QLatin1Char('[') + a.host + QLatin1Char(']') : a.host;
    const QString server = QStringLiteral("%1://%2:%3").arg(a.scheme, host).arg(a.port);
    return std::unique_ptr<LdapDirectory>(new LdapDirectory(server, a.base, std::move(mapping)));
}

LdapDirectory::LdapDirectory(QString server, QString base, LdapMapping mapping)
    : m_server(std::move(server)), m_base(std::move(base)), m_mapping(std::move(mapping))
{
}

LdapDirectory::~LdapDirectory() = default;

QString LdapDirectory::describe() const { return QStringLiteral("the LDAP directory %1/%2").arg(m_server, m_base); }

QString LdapDirectory::userDnFor(const QString &name) const
{
    // Plain replacement, not QString::arg: a name must never be read as a placeholder. Names are checked
    // (a-z 0-9 . _ -) before they get here, so they need no DN escaping.
    QString dn = m_mapping.userDn;
    dn.replace(QLatin1String("{base}"), m_base);
    dn.replace(QLatin1String("{user}"), name);
    return dn;
}

void LdapDirectory::setFailureBook(std::unique_ptr<FailureBook> book)
{
    std::lock_guard lock(m_mutex);
    m_book = std::move(book);
}

LdapDirectory::Failures LdapDirectory::failuresOf(const QString &name, std::int64_t now)
{
    Failures failures = m_failures.value(name);
    if (m_book) {
        // The book is the authority while it can be read: another console of this machine may have counted since,
        // or an administrator lifted the lock.
        if (const auto found = m_book->find(name)) {
            failures = found.value().value_or(Failures{});
            if (found.value())
                m_failures.insert(name, failures);
            else
                m_failures.remove(name);
        } else {
            qCWarning(lcSecurity) << "failed sign-ins counted in memory: cannot read" << m_book->path() << "-" << found.error();
        }
    }
    failures.counts.name = name;
    // A lock dated after now (the clock was set back since) counts from now, stored so; through the same step as a
    // failure, so that it cannot overwrite one another console counted meanwhile.
    if (UserAccount settled = failures.counts; settleClockStep(m_policy, settled, now))
        return changeCounts(name, [&](Failures &f) { (void)settleClockStep(m_policy, f.counts, now); }, now);
    return failures;
}

LdapDirectory::Failures LdapDirectory::changeCounts(const QString &name, const std::function<void(Failures &)> &change, std::int64_t now)
{
    if (m_book) {
        if (const auto changed = m_book->update(name, change, now, m_policy)) {
            forgetOldFailures(now);
            m_failures.insert(name, changed.value());
            return changed.value();
        } else {
            qCWarning(lcSecurity) << "failed sign-ins counted in memory: cannot write" << m_book->path() << "-" << changed.error();
        }
    }
    Failures failures = m_failures.value(name);
    failures.counts.name = name;
    change(failures);
    forgetOldFailures(now);
    m_failures.insert(name, failures);
    return failures;
}

void LdapDirectory::clear(const QString &name)
{
    m_failures.remove(name);
    if (m_book)
        if (const auto removed = m_book->forget(name); !removed)
            qCWarning(lcSecurity) << "cannot clear" << name << "in" << m_book->path() << "-" << removed.error();
}

void LdapDirectory::forgetOldFailures(std::int64_t now)
{
    if (m_failures.size() < FailureBook::kMaxNames)
        return;
    for (auto it = m_failures.begin(); it != m_failures.end();) {
        const UserAccount &c = it->counts;
        if (c.lockedUntilMs <= now && c.lastFailureMs + m_policy.maxDelayMs <= now)
            it = m_failures.erase(it);
        else
            ++it;
    }
    if (m_failures.size() >= FailureBook::kMaxNames) {
        // Still full: made-up names first, then anything not locked.
        m_failures.removeIf([&](const auto &entry) { return !entry.value().known || entry.value().counts.lockedUntilMs <= now; });
    }
}

Result<std::unique_ptr<LdapDirectory::Connection>> LdapDirectory::connect() const
{
    auto c = std::make_unique<Connection>();
    LdapHandle &h = c->handle;
    if (const int rc = ldap_initialize(&h.ld, m_server.toUtf8().constData()); rc != LDAP_SUCCESS)
        return makeError(ldapError(nullptr, rc));
    const int version = LDAP_VERSION3;
    timeval timeout{m_mapping.timeoutSeconds, 0};
    const int demand = LDAP_OPT_X_TLS_DEMAND;
    const bool tls = m_server.startsWith(QLatin1String("ldaps:")) || m_mapping.startTls;
    Status options = setOption(h.ld, LDAP_OPT_PROTOCOL_VERSION, &version, "protocol version");
    options = options ? setOption(h.ld, LDAP_OPT_NETWORK_TIMEOUT, &timeout, "network timeout") : options;
    options = options ? setOption(h.ld, LDAP_OPT_TIMEOUT, &timeout, "timeout") : options;
    options = options ? setOption(h.ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF, "referrals") : options;
    c->callbacks = {&Connection::connected, &Connection::closing, c.get()};
    options = options ? setOption(h.ld, LDAP_OPT_CONNECT_CB, &c->callbacks, "connection callback") : options;
    if (tls) {
        // The server's certificate must chain to the mapping's CA (or the system's) and carry the server's name.
        options = options ? setOption(h.ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand, "require certificate") : options;
        const QByteArray ca = m_mapping.caFile.toUtf8();
        if (options && !ca.isEmpty())
            options = setOption(h.ld, LDAP_OPT_X_TLS_CACERTFILE, ca.constData(), "CA file");
        const int client = 0;
        options = options ? setOption(h.ld, LDAP_OPT_X_TLS_NEWCTX, &client, "TLS context") : options;
    }
    if (!options)
        return makeError(options.error());
    // The connection made here, TLS and all, under a watch (see ConnectWatch); the operations after it are bounded by
    // LDAP_OPT_TIMEOUT.
    ConnectWatch watch(c->socket, std::chrono::seconds(m_mapping.timeoutSeconds));
    int rc = ldap_connect(h.ld);
    const bool startTls = rc == LDAP_SUCCESS && m_mapping.startTls && m_server.startsWith(QLatin1String("ldap:"));
    if (startTls)
        rc = ldap_start_tls_s(h.ld, nullptr, nullptr);
    if (watch.stop())
        return makeError(QStringLiteral("the server took the connection and did not answer within %1 s").arg(m_mapping.timeoutSeconds));
    if (rc != LDAP_SUCCESS)
        return makeError(startTls ? QStringLiteral("StartTLS failed: %1").arg(ldapError(h.ld, rc)) : ldapError(h.ld, rc));
    return c;
}

Result<UserAccount> LdapDirectory::readGrants(Connection &h, const QByteArray &dn, const QString &name, bool *granted) const
{
    timeval timeout{m_mapping.timeoutSeconds, 0};
    QString filter = m_mapping.groupFilter;
    filter.replace(QLatin1String("{dn}"), ldapFilterEscape(QString::fromUtf8(dn)));
    QString groupBase = m_mapping.groupBase;
    groupBase.replace(QLatin1String("{base}"), m_base);
    const QByteArray attribute = m_mapping.groupAttribute.toUtf8();
    char *attrs[] = {const_cast<char *>(attribute.constData()), nullptr};
    LDAPMessage *result = nullptr;
    const int searched = ldap_search_ext_s(h.ld(), groupBase.toUtf8().constData(), LDAP_SCOPE_SUBTREE, filter.toUtf8().constData(), attrs, 0,
                                           nullptr, nullptr, &timeout, 1000, &result);
    const std::unique_ptr<LDAPMessage, decltype(&ldap_msgfree)> ownedResult(result, &ldap_msgfree);
    if (searched != LDAP_SUCCESS && searched != LDAP_SIZELIMIT_EXCEEDED)
        return makeError(QStringLiteral("the groups of %1 cannot be read: %2").arg(name, ldapError(h.ld(), searched)));
    UserAccount account;
    account.name = name;
    *granted = false;
    for (LDAPMessage *e = ldap_first_entry(h.ld(), result); e; e = ldap_next_entry(h.ld(), e)) {
        berval **values = ldap_get_values_len(h.ld(), e, attribute.constData());
        for (int i = 0; values && values[i]; ++i) {
            const QString group = QString::fromUtf8(values[i]->bv_val, int(values[i]->bv_len));
            const auto grant = m_mapping.groups.constFind(group.toLower());
            if (grant == m_mapping.groups.constEnd())
                continue;
            account.role = *granted ? std::max(account.role, grant->role) : grant->role;
            *granted = true;
            for (const QString &d : grant->districts)
                if (!account.districts.contains(d, Qt::CaseInsensitive))
                    account.districts << d;
        }
        ldap_value_free_len(values);
    }
    return account;
}

SignInOutcome LdapDirectory::bindThen(const QString &name, const QByteArray &password, std::int64_t now, bool mayChangeFirst,
                                      const std::function<SignInOutcome(BoundAs &)> &then)
{
    SignInOutcome wrong{SignInRefusal::WrongCredentials, QStringLiteral("The name or the password is wrong.")};
    // Checked before anything reaches the server: a name with filter or DN syntax in it is not a name, and an
    // empty password would be an anonymous bind, which LDAP servers accept.
    if (!UserDirectory::checkName(name) || password.isEmpty() || password.contains('\0'))
        return wrong;
    Failures before;
    {
        std::lock_guard lock(m_mutex);
        before = failuresOf(name, now);
    }
    if (auto refused = refuseBeforeCheck(m_policy, before.counts, now)) {
        refused->nameKnown = before.known;
        return *refused;
    }

    auto connection = connect();
    if (!connection)
        return unavailable(connection.error());
    Connection &h = *connection.value();
    const QByteArray dn = userDnFor(name).toUtf8();
    berval credentials{ber_len_t(password.size()), const_cast<char *>(password.constData())};
    const Bound said = bindAsPerson(h.ld(), dn, credentials, m_mapping.timeoutSeconds);
    const int bound = said.rc;
    // What the directory's own password policy refuses is not a wrong password this console counts: the directory
    // judged the account, whatever was typed.
    if (said.policy == PP_accountLocked) {
        qCInfo(lcSecurity) << "LDAP:" << name << "is locked by the directory's password policy";
        SignInOutcome refused{SignInRefusal::Locked, QStringLiteral("The directory has locked this account (too many wrong passwords at any "
                                                                    "console, or by its administrator). Ask the directory's administrator "
                                                                    "to unlock it.")};
        refused.nameKnown = true;
        return refused;
    }
    // A password that must be changed first binds for that alone (the policy lets nothing else through): a sign-in
    // is refused, saying so; a change of password goes on. One expired past its grace does not bind at all.
    const bool mustChange = said.policy == PP_passwordExpired || said.policy == PP_changeAfterReset;
    if (mustChange && (!mayChangeFirst || bound != LDAP_SUCCESS)) {
        const bool canHere = bound == LDAP_SUCCESS;
        // Expired with no sign-in left is over for this password: said as such in the record, not as a disabled account.
        SignInOutcome refused{said.policy == PP_passwordExpired && !canHere ? SignInRefusal::Expired : SignInRefusal::Disabled,
                              said.policy == PP_passwordExpired
                                  ? (canHere ? QStringLiteral("Your password has expired in the directory. Set a new one (Change password on "
                                                              "this card), then sign in.")
                                             : QStringLiteral("Your password has expired in the directory, with no sign-in left on it. Ask "
                                                              "the directory's administrator for a new one."))
                                  : QStringLiteral("The directory asks you to set a new password first (it was reset). Set it (Change "
                                                   "password on this card), then sign in.")};
        refused.nameKnown = true;
        refused.mustChangePassword = canHere;
        return refused;
    }
    if (bound == LDAP_INVALID_CREDENTIALS) {
        // Whether the entry exists decides only what the record may name; the person sees the same sentence.
        LDAPMessage *result = nullptr;
        char noAttributes[] = LDAP_NO_ATTRS;
        char *attrs[] = {noAttributes, nullptr};
        const bool exists = ldap_search_ext_s(h.ld(), dn.constData(), LDAP_SCOPE_BASE, "(objectClass=*)", attrs, 0, nullptr, nullptr,
                                              nullptr, 1, &result) == LDAP_SUCCESS
                            && ldap_count_entries(h.ld(), result) > 0;
        ldap_msgfree(result);
        std::lock_guard lock(m_mutex);
        SignInOutcome refused;
        // On the counts as they are now: another console of this machine may have counted meanwhile.
        changeCounts(name, [&](Failures &f) {
            (void)settleClockStep(m_policy, f.counts, now);
            f.known = f.known || exists;
            refused = countWrongPassword(m_policy, f.counts, now);
            refused.nameKnown = f.known;
        }, now);
        return refused;
    }
    if (bound != LDAP_SUCCESS)
        return unavailable(ldapError(h.ld(), bound));
    {
        std::lock_guard lock(m_mutex);
        clear(name);
    }
    BoundAs as{h, dn, name, said.expiresInS, said.graceLeft};
    return then(as);
}

SignInOutcome LdapDirectory::unavailable(const QString &why) const
{
    qCWarning(lcSecurity) << "LDAP not possible:" << why;
    return SignInOutcome{SignInRefusal::Unavailable,
                         QStringLiteral("The directory server cannot be asked (%1): %2. Try again, or tell the administrator.").arg(m_server, why)};
}

SignInOutcome LdapDirectory::signIn(const QString &name, const QByteArray &password, std::int64_t now)
{
    return bindThen(name, password, now, false, [this](BoundAs &as) {
        // Bound as the person: read the groups they are in, with their own rights.
        bool granted = false;
        auto read = readGrants(as.connection, as.dn, as.name, &granted);
        if (!read)
            return unavailable(read.error());
        if (!granted) {
            qCInfo(lcSecurity) << "LDAP:" << as.name << "is in no mapped group";
            SignInOutcome refused{SignInRefusal::NoRole,
                                  QStringLiteral("The directory knows you, but none of your groups gives a role at this console. Ask an "
                                                 "administrator to add you to a CityOps group.")};
            refused.nameKnown = true;
            return refused;
        }
        SignInOutcome out;
        out.account = read.value();
        out.nameKnown = true;
        out.notice = passwordNotice(as.expiresInS, as.graceLeft);
        return out;
    });
}

SignInOutcome LdapDirectory::changePassword(const QString &name, const QByteArray &current, const QByteArray &next, std::int64_t now)
{
    return bindThen(name, current, now, true, [&](BoundAs &as) {
        if (auto refused = refuseNewPassword(current, next))
            return *refused;
        // The password modify operation (RFC 3062) on the person's own entry, with the old password (a policy may
        // require it), asking the policy why if it refuses.
        berval user{ber_len_t(as.dn.size()), const_cast<char *>(as.dn.constData())};
        berval oldPassword{ber_len_t(current.size()), const_cast<char *>(current.constData())};
        berval newPassword{ber_len_t(next.size()), const_cast<char *>(next.constData())};
        const Bound said = withPolicy(as.connection.ld(), m_mapping.timeoutSeconds, [&](LDAPControl **controls, int *id) {
            return ldap_passwd(as.connection.ld(), &user, &oldPassword, &newPassword, controls, nullptr, id);
        });
        const int rc = said.rc;
        const LDAPPasswordPolicyError policy = said.policy;
        if (rc == LDAP_SUCCESS) {
            qCInfo(lcSecurity) << "LDAP:" << name << "set a new password";
            SignInOutcome out;
            out.account.name = name;
            out.nameKnown = true;
            return out;
        }
        const QString policySays = passwordRefusal(policy);
        if (!policySays.isEmpty() || rc == LDAP_CONSTRAINT_VIOLATION) {
            SignInOutcome refused{SignInRefusal::NewPasswordRefused,
                                  policySays.isEmpty() ? QStringLiteral("The directory does not take this password (%1): choose another.")
                                                             .arg(ldapError(as.connection.ld(), rc))
                                                       : policySays};
            refused.nameKnown = true;
            return refused;
        }
        if (rc == LDAP_INSUFFICIENT_ACCESS) {
            SignInOutcome refused{SignInRefusal::Unavailable, QStringLiteral("The directory does not let you set your own password. Ask its "
                                                                             "administrator for a new one.")};
            refused.nameKnown = true;
            return refused;
        }
        return unavailable(ldapError(as.connection.ld(), rc));
    });
}

} // namespace cityops
