#pragma once
// A real slapd for tests, started on loopback ports and stopped with the test: the city's people and groups in a
// generated database, a throwaway CA for ldaps:// (tst_ldapdirectory, tst_ldapconsole).
#include "brokertesting.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

namespace cityops::test {

inline constexpr const char *kPassword = "correct horse 1";

inline QByteArray sshaOf(const QByteArray &password)
{
    QProcess p;
    p.start(QStringLiteral("/usr/sbin/slappasswd"), {QStringLiteral("-s"), QString::fromUtf8(password)});
    p.waitForFinished(10'000);
    return p.readAllStandardOutput().trimmed();
}

/// slapd with the city's people and groups: olga (operators), sven (operators, supervisors), rita (north-responders),
/// nora (cleaners: a group the mapping does not know). Plain ldap:// and ldaps:// on loopback ports.
/// `lockAfter` > 0: the directory's own password policy (OpenLDAP's ppolicy overlay) locks an account after that many
/// wrong passwords in a row, until an administrator unlocks it, and says so to whoever asks (ppolicy_use_lockout);
/// rita's password was reset by an administrator, and the policy has her set her own before anything else; a password
/// lasts ten days, and sven's, set seven days ago, is said to expire in three; nora's, set eleven days ago, has
/// expired, and two more binds are allowed with it. A new password has at least ten characters and is none of the
/// person's last three; people may set their own (`by self write`).
class TestSlapd {
public:
    explicit TestSlapd(int lockAfter = 0) : m_lockAfter(lockAfter)
    {
        m_ok = makeTestCertificates(m_dir.path()) && QDir(m_dir.path()).mkpath(QStringLiteral("db")) && writeConfig() && load() && start();
    }
    ~TestSlapd() { stop(); }
    bool ok() const { return m_ok; }
    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }
    QString plainUrl() const { return QStringLiteral("ldap://127.0.0.1:%1/dc=city,dc=test").arg(m_plainPort); }
    // Not "localhost": libldap checks the certificate against the machine's own name for that host.
    QString tlsUrl() const { return QStringLiteral("ldaps://127.0.0.1:%1/dc=city,dc=test").arg(m_tlsPort); }

    bool start()
    {
        // -d 0: stay in the foreground (a child of the test), log nothing.
        return startDaemon(m_process, QStringLiteral("/usr/sbin/slapd"),
                           {"-f", path("slapd.conf"), "-h",
                            QStringLiteral("ldap://127.0.0.1:%1/ ldaps://127.0.0.1:%2/").arg(m_plainPort).arg(m_tlsPort), "-d", "0"},
                           path("slapd.log"), {m_plainPort, m_tlsPort});
    }
    void stop()
    {
        thaw();
        stopDaemon(m_process);
    }
    /// A directory that hangs: its sockets stay open (connections are taken by the kernel) and nothing answers
    /// (SIGSTOP), until thaw().
    void freeze()
    {
        ::kill(static_cast<pid_t>(m_process.processId()), SIGSTOP);
        m_frozen = true;
    }
    void thaw()
    {
        if (m_frozen)
            ::kill(static_cast<pid_t>(m_process.processId()), SIGCONT);
        m_frozen = false;
    }

    /// The values of one of a person's attributes as the running directory answers an anonymous search for it —
    /// e.g. the policy's own record, `pwdAccountLockedTime`, which `access to * by * read` lets anyone read.
    QByteArrayList attributeOf(const char *uid, const char *attribute) const
    {
        QProcess search;
        search.start(QStringLiteral("/usr/bin/ldapsearch"),
                     {"-x", "-LLL", "-H", QStringLiteral("ldap://127.0.0.1:%1").arg(m_plainPort), "-s", "base", "-b",
                      QStringLiteral("uid=%1,ou=people,dc=city,dc=test").arg(QLatin1String(uid)), QLatin1String(attribute)});
        if (!search.waitForFinished(10'000) || search.exitCode() != 0)
            return {};
        QByteArrayList values;
        const QByteArray prefix = QByteArray(attribute) + ": ";
        for (const QByteArray &line : search.readAllStandardOutput().split('\n'))
            if (line.startsWith(prefix))
                values.append(line.mid(prefix.size()));
        return values;
    }

private:
    bool write(const char *name, const QByteArray &text) const
    {
        QFile f(path(name));
        return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
    }
    bool writeConfig()
    {
        const QList<int> ports = freePorts(2);   // two different ones
        m_plainPort = ports[0];
        m_tlsPort = ports[1];
        const QString conf = QStringLiteral(
            "include /etc/ldap/schema/core.schema\ninclude /etc/ldap/schema/cosine.schema\ninclude /etc/ldap/schema/inetorgperson.schema\n"
            "modulepath /usr/lib/ldap\nmoduleload back_mdb\n%2pidfile %1/slapd.pid\n"
            "TLSCACertificateFile %1/ca.crt\nTLSCertificateFile %1/server.crt\nTLSCertificateKeyFile %1/server.key\n"
            "database mdb\nsuffix \"dc=city,dc=test\"\nrootdn \"cn=admin,dc=city,dc=test\"\ndirectory %1/db\nmaxsize 10485760\n"
            // Passwords: only to bind with. Everything else readable by whoever is bound (and by anonymous: the
            // default of many directories, which the console only uses to tell a wrong password from a made-up name).
            "access to attrs=userPassword by self write by anonymous auth by * none\naccess to * by * read\n%3")
                                 .arg(m_dir.path(), m_lockAfter > 0 ? QStringLiteral("moduleload ppolicy\n") : QString(),
                                      m_lockAfter > 0 ? QStringLiteral("overlay ppolicy\nppolicy_default \"cn=lockout,ou=policies,dc=city,dc=test\"\n"
                                                                       "ppolicy_use_lockout\n")
                                                      : QString());
        return write("slapd.conf", conf.toUtf8());
    }
    bool load()
    {
        const QByteArray hash = sshaOf(kPassword);
        if (!hash.startsWith("{SSHA}"))
            return false;
        QByteArray ldif = "dn: dc=city,dc=test\nobjectClass: dcObject\nobjectClass: organization\no: City\ndc: city\n\n"
                          "dn: ou=people,dc=city,dc=test\nobjectClass: organizationalUnit\nou: people\n\n"
                          "dn: ou=groups,dc=city,dc=test\nobjectClass: organizationalUnit\nou: groups\n\n";
        if (m_lockAfter > 0)
            ldif += "dn: ou=policies,dc=city,dc=test\nobjectClass: organizationalUnit\nou: policies\n\n"
                    "dn: cn=lockout,ou=policies,dc=city,dc=test\nobjectClass: organizationalRole\nobjectClass: pwdPolicy\ncn: lockout\n"
                    "pwdAttribute: userPassword\npwdLockout: TRUE\npwdLockoutDuration: 0\npwdMustChange: TRUE\npwdMaxAge: 864000\npwdExpireWarning: 864000\npwdGraceAuthNLimit: 2\npwdMinLength: 10\npwdCheckQuality: 2\npwdInHistory: 3\npwdMaxFailure: "
                    + QByteArray::number(m_lockAfter) + "\n\n";
        for (const char *person : {"olga", "sven", "rita", "nora", "lookup"})
            ldif += QByteArray("dn: uid=") + person + ",ou=people,dc=city,dc=test\nobjectClass: inetOrgPerson\nuid: " + person
                    + "\ncn: " + person + "\nsn: " + person + "\nuserPassword: " + hash + "\n"
                    // With the policy, rita's password was just reset by an administrator: she must set her own first.
                    + (m_lockAfter > 0 && qstrcmp(person, "rita") == 0 ? "pwdReset: TRUE\n" : "")
                    // ... and sven's was set seven days ago: it expires in three (a password lasts ten days).
                    + (m_lockAfter > 0 && (qstrcmp(person, "sven") == 0 || qstrcmp(person, "nora") == 0)
                           ? "pwdChangedTime: "
                                 + QDateTime::currentDateTimeUtc().addDays(qstrcmp(person, "sven") == 0 ? -7 : -11).toString(QStringLiteral("yyyyMMddHHmmss'Z'")).toLatin1()
                                 + "\n"
                           : QByteArray())
                    + "\n";
        const auto group = [&](const char *name, std::initializer_list<const char *> members) {
            ldif += QByteArray("dn: cn=") + name + ",ou=groups,dc=city,dc=test\nobjectClass: groupOfNames\ncn: " + name + "\n";
            for (const char *m : members)
                ldif += QByteArray("member: uid=") + m + ",ou=people,dc=city,dc=test\n";
            ldif += "\n";
        };
        group("operators", {"olga", "sven"});
        group("supervisors", {"sven"});
        group("north-responders", {"rita"});
        group("cleaners", {"nora"});
        return write("data.ldif", ldif) && run(QStringLiteral("/usr/sbin/slapadd"), {"-f", path("slapd.conf"), "-l", path("data.ldif")}, m_dir.path());
    }

    int m_lockAfter = 0;
    QTemporaryDir m_dir;
    bool m_frozen = false;
    QProcess m_process;
    int m_plainPort = 0;
    int m_tlsPort = 0;
    bool m_ok = false;
};

} // namespace cityops::test
