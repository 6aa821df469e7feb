#pragma once
// Running the console's programs from a test: their exit code and output, a signed-in console, a port nothing
// listens on, colours counted in a screenshot (tst_commandline, tst_importcommand, tst_ldapconsole).
#include "security/userdirectory.h"

#include <QColor>
#include <QHostAddress>
#include <QImage>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTcpServer>

#include <cstdlib>

namespace cityops::test {

struct Run {
    int exitCode = -1;
    QString out, err;
};

/// `environment`: variables set for the program on top of the test's own (XDG_DATA_HOME: its data folder).
inline Run runProgram(const QString &program, const QStringList &args, int timeoutMs = 60000,
                      const QList<std::pair<QString, QString>> &environment = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    for (const auto &[name, value] : environment)
        env.insert(name, value);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CITYOPS_BIN_DIR "/") + program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

/// Arguments that sign the console in headless as olga (an operator), with a user directory and a private password
/// file made in `dir` — screenshots then show the console itself rather than the sign-in card.
inline QStringList signedInAs(const QTemporaryDir &dir, const QByteArray &password = "olga's password")
{
    const QString db = dir.filePath(QStringLiteral("users.db"));
    if (!QFile::exists(db)) {
        auto directory = UserDirectory::open(db, UserDirectory::Mode::CreateIfMissing);
        directory.value()->setCost({256, 1, 1});
        if (!directory.value()->add(QStringLiteral("olga"), Role::Operator, {}, "olga's password").ok())
            qFatal("cannot add olga");
    }
    // A password file as an operator keeps one: private to its owner.
    QSaveFile f(dir.filePath(QStringLiteral("olga.password")));
    f.open(QIODevice::WriteOnly);
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    f.write(password + '\n');
    const QString pw = f.fileName();
    if (!f.commit())
        qFatal("cannot write %s", qPrintable(pw));
    return {QStringLiteral("--directory"), db, QStringLiteral("--user"), QStringLiteral("olga"), QStringLiteral("--password-file"), pw};
}

/// A loopback port nothing listens on.
inline int closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();   // closed again when the server goes
}

/// How many pixels (every other row and column) lie within `tolerance` of `colour`.
inline int countNear(const QImage &image, const QColor &colour, int tolerance = 12)
{
    int n = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - colour.red()) + std::abs(c.green() - colour.green()) + std::abs(c.blue() - colour.blue()) <= tolerance)
                ++n;
        }
    return n;
}

} // namespace cityops::test
