#pragma once

#include <QByteArray>
#include <QString>
#include <QtEndian>

#include <cstdint>
#include <cstring>

namespace cityops {

/// Little-endian writer for the store's binary payloads.
class ByteWriter {
public:
    void u8(std::uint8_t v) { m_data.append(static_cast<char>(v)); }
    void u16(std::uint16_t v) { put(qToLittleEndian(v)); }
    void u32(std::uint32_t v) { put(qToLittleEndian(v)); }
    void i64(std::int64_t v) { put(qToLittleEndian(v)); }
    void f32(float v)
    {
        std::uint32_t bits;
        std::memcpy(&bits, &v, 4);
        u32(bits);
    }
    void f64(double v)
    {
        std::uint64_t bits;
        std::memcpy(&bits, &v, 8);
        put(qToLittleEndian(bits));
    }
    void str(const QString &s)
    {
        const QByteArray utf8 = s.toUtf8().left(65535);
        u16(static_cast<std::uint16_t>(utf8.size()));
        m_data.append(utf8);
    }
    void bytes(const void *p, size_t n) { m_data.append(static_cast<const char *>(p), static_cast<qsizetype>(n)); }
    const QByteArray &data() const { return m_data; }
    void clear() { m_data.clear(); }

private:
    template <typename T>
    void put(T v) { m_data.append(reinterpret_cast<const char *>(&v), sizeof(T)); }
    QByteArray m_data;
};

/// Bounds-checked reader: every read reports failure instead of running past the end, so a damaged row is refused
/// rather than misread.
class ByteReader {
public:
    ByteReader(const char *data, qsizetype size) : m_data(data), m_size(size) {}
    explicit ByteReader(const QByteArray &a) : ByteReader(a.constData(), a.size()) {}

    bool u8(std::uint8_t *v) { return get(v); }
    bool u16(std::uint16_t *v) { return get(v); }
    bool u32(std::uint32_t *v) { return get(v); }
    bool i64(std::int64_t *v) { return get(v); }
    bool f32(float *v)
    {
        std::uint32_t bits;
        if (!get(&bits))
            return false;
        std::memcpy(v, &bits, 4);
        return true;
    }
    bool f64(double *v)
    {
        std::uint64_t bits;
        if (!get(&bits))
            return false;
        std::memcpy(v, &bits, 8);
        return true;
    }
    bool str(QString *s)
    {
        std::uint16_t n = 0;
        if (!u16(&n) || m_pos + n > m_size)
            return false;
        *s = QString::fromUtf8(m_data + m_pos, n);
        m_pos += n;
        return true;
    }
    bool bytes(void *out, size_t n)
    {
        if (m_pos + static_cast<qsizetype>(n) > m_size)
            return false;
        std::memcpy(out, m_data + m_pos, n);
        m_pos += static_cast<qsizetype>(n);
        return true;
    }
    bool atEnd() const { return m_pos == m_size; }
    qsizetype remaining() const { return m_size - m_pos; }

private:
    template <typename T>
    bool get(T *v)
    {
        if (m_pos + static_cast<qsizetype>(sizeof(T)) > m_size)
            return false;
        T raw;
        std::memcpy(&raw, m_data + m_pos, sizeof(T));
        *v = qFromLittleEndian(raw);
        m_pos += sizeof(T);
        return true;
    }
    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
};

} // namespace cityops
