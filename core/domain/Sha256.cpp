#include "Sha256.h"

#include "Invariant.h"

#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define BILLING_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace billing {
namespace {

#ifdef BILLING_SHA_NI

constexpr quint32 roundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

bool processorHasShaExtensions()
{
    unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
        return false;
    const bool ssse3 = (ecx & (1U << 9)) != 0;
    const bool sse41 = (ecx & (1U << 19)) != 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx))
        return false;
    const bool sha = (ebx & (1U << 29)) != 0;
    return ssse3 && sse41 && sha;
}

// Four rounds per step on the SHA extensions: the state is kept as (A,B,E,F) and (C,D,G,H),
// the layout SHA256RNDS2 works on, and the message schedule is 16 vectors of 4 words.
__attribute__((target("sha,sse4.1,ssse3"))) void
compressBlocks(quint32 state[8], const uchar *blocks, qsizetype count)
{
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i dcba = _mm_loadu_si128(reinterpret_cast<const __m128i *>(state));
    __m128i hgfe = _mm_loadu_si128(reinterpret_cast<const __m128i *>(state + 4));
    const __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    const __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

    for (qsizetype block = 0; block < count; ++block) {
        const uchar *data = blocks + block * 64;
        const __m128i abefBefore = abef;
        const __m128i cdghBefore = cdgh;
        __m128i words[16];
        for (qsizetype group = 0; group < 16; ++group) {
            if (group < 4) {
                words[group] = _mm_shuffle_epi8(
                    _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + group * 16)),
                    byteSwap);
            } else {
                const __m128i partial =
                    _mm_add_epi32(_mm_sha256msg1_epu32(words[group - 4], words[group - 3]),
                                  _mm_alignr_epi8(words[group - 1], words[group - 2], 4));
                words[group] = _mm_sha256msg2_epu32(partial, words[group - 1]);
            }
            __m128i message = _mm_add_epi32(
                words[group],
                _mm_loadu_si128(reinterpret_cast<const __m128i *>(roundConstants + group * 4)));
            // Each instruction runs two rounds and returns the new (A,B,E,F); the (A,B,E,F) it
            // was given is then the new (C,D,G,H). So after two, the names are right again.
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, message);
            message = _mm_shuffle_epi32(message, 0x0E);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, message);
        }
        abef = _mm_add_epi32(abef, abefBefore);
        cdgh = _mm_add_epi32(cdgh, cdghBefore);
    }

    const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    dcba = _mm_blend_epi16(feba, dchg, 0xF0);
    hgfe = _mm_alignr_epi8(dchg, feba, 8);
    _mm_storeu_si128(reinterpret_cast<__m128i *>(state), dcba);
    _mm_storeu_si128(reinterpret_cast<__m128i *>(state + 4), hgfe);
}

#endif

} // namespace

bool Sha256::accelerated()
{
#ifdef BILLING_SHA_NI
    static const bool has = processorHasShaExtensions();
    return has;
#else
    return false;
#endif
}

Sha256::Sha256()
{
    if (!accelerated())
        m_portable.emplace(QCryptographicHash::Sha256);
}

void Sha256::compress(const uchar *blocks, qsizetype count)
{
#ifdef BILLING_SHA_NI
    compressBlocks(m_state, blocks, count);
#else
    Q_UNUSED(blocks);
    Q_UNUSED(count);
    BILLING_ASSERT(false);
#endif
}

void Sha256::addData(QByteArrayView bytes)
{
    if (m_portable) {
        m_portable->addData(bytes);
        return;
    }
    const auto *data = reinterpret_cast<const uchar *>(bytes.data());
    qsizetype size = bytes.size();
    m_length += quint64(size);
    if (m_buffered > 0) {
        const qsizetype taken = std::min<qsizetype>(64 - m_buffered, size);
        std::memcpy(m_buffer + m_buffered, data, size_t(taken));
        m_buffered += taken;
        data += taken;
        size -= taken;
        if (m_buffered < 64)
            return;
        compress(m_buffer, 1);
        m_buffered = 0;
    }
    if (size >= 64) {
        compress(data, size / 64);
        data += size / 64 * 64;
        size %= 64;
    }
    std::memcpy(m_buffer, data, size_t(size));
    m_buffered = size;
}

QByteArray Sha256::result()
{
    if (m_portable)
        return m_portable->result();
    // Padding: 0x80, zeros up to 56 bytes into a block, then the length in bits, big-endian.
    const quint64 bits = m_length * 8;
    uchar tail[128] = {};
    std::memcpy(tail, m_buffer, size_t(m_buffered));
    tail[m_buffered] = 0x80;
    const qsizetype tailBlocks = m_buffered < 56 ? 1 : 2;
    for (int i = 0; i < 8; ++i)
        tail[tailBlocks * 64 - 1 - i] = uchar(bits >> (8 * i));
    compress(tail, tailBlocks);
    QByteArray digest(32, Qt::Uninitialized);
    for (int word = 0; word < 8; ++word) {
        for (int i = 0; i < 4; ++i)
            digest[word * 4 + i] = char(m_state[word] >> (24 - 8 * i));
    }
    return digest;
}

QByteArray Sha256::hash(QByteArrayView bytes)
{
    Sha256 sha;
    sha.addData(bytes);
    return sha.result();
}

} // namespace billing
