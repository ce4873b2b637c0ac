"""Our TF-IDF against scikit-learn's TfidfVectorizer: the same matrices, bit for bit."""

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from leadsignal.signals.tfidf import Terms, Tfidf

TEXTS = [
    "Ik stel voor dat we de roosters per week maken.",
    "Goed idee, dat scheelt veel gedoe. Goed!",
    "Ja maar dat kan echt niet op de PG?",
    "rooster zomer rooster week",
    "",
    "Hoeveel mensen zitten er in de flexpool? Zullen we de vrijwilligers ook vragen?",
    "één café, naïef: Brugse Poort — 't kerkplein",
]


def same(a, b) -> bool:
    a, b = a.tocsr(), b.tocsr()
    return (
        a.shape == b.shape
        and np.array_equal(a.indptr, b.indptr)
        and np.array_equal(a.indices, b.indices)
        and np.array_equal(a.data, b.data)
    )


@pytest.mark.parametrize("norm", ["l2", None])
@pytest.mark.parametrize("pattern", [r"(?u)\b\w+\b", r"(?u)\b\w\w+\b"])
def test_fit_transform_matches_scikit_learn(norm, pattern):
    ours = Tfidf(token_pattern=pattern, sublinear_tf=True, norm=norm).fit_transform(TEXTS)
    theirs = TfidfVectorizer(token_pattern=pattern, sublinear_tf=True, norm=norm).fit_transform(TEXTS)
    assert same(ours, theirs)
    assert np.array_equal((ours @ ours.T).toarray(), (theirs @ theirs.T).toarray())


@pytest.mark.parametrize("pattern", [r"(?u)\b\w\w+\b", r"(?u)\b\w+\b|\?"])
def test_transform_with_a_fitted_vocabulary_matches_scikit_learn(pattern):
    fitted = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=pattern).fit(TEXTS[:4])
    ours = Tfidf(token_pattern=pattern, ngram_range=(1, 2), sublinear_tf=True, vocabulary=fitted.vocabulary_)
    ours.idf = fitted.idf_
    assert same(ours.transform(TEXTS), fitted.transform(TEXTS))


def test_empty_vocabulary_is_an_error():
    with pytest.raises(ValueError, match="empty vocabulary"):
        Tfidf().fit_transform(["", "?"])


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2)])
def test_transform_with_a_pruned_vocabulary_matches_scikit_learn(ngram_range):
    # max_features keeps bigrams whose words are no features themselves; words outside it come and go
    fitted = TfidfVectorizer(ngram_range=ngram_range, sublinear_tf=True, max_features=12).fit(TEXTS)
    ours = Tfidf(ngram_range=ngram_range, sublinear_tf=True, vocabulary=fitted.vocabulary_)
    ours.idf = fitted.idf_
    assert same(ours.transform(TEXTS + ["de de de week week"]), fitted.transform(TEXTS + ["de de de week week"]))


@pytest.mark.parametrize("norm", ["l2", None])
def test_terms_give_the_tfidf_of_any_subset_or_grouping(norm):
    terms = Terms(TEXTS)
    fit = Tfidf(token_pattern=r"(?u)\b\w+\b", sublinear_tf=True, norm=norm)
    for rows in ([0, 1, 2, 3, 4, 5, 6], [1, 3, 6], [3]):
        ours, theirs = terms.tfidf(rows=rows, norm=norm), fit.fit_transform([TEXTS[k] for k in rows])
        # the same values, columns named by the whole collection's terms instead of the subset's
        columns = [terms.terms.index(t) for t in sorted(fit.vocabulary, key=fit.vocabulary.get)]
        assert np.allclose(ours.toarray()[:, columns], theirs.toarray(), rtol=0, atol=1e-12)
        assert ours.nnz == theirs.nnz
    groups = [[0, 2], [1, 3, 5], [4], [6]]
    joined = [" ".join(TEXTS[k] for k in group) for group in groups]
    theirs = fit.fit_transform(joined)
    columns = [terms.terms.index(t) for t in sorted(fit.vocabulary, key=fit.vocabulary.get)]
    assert np.allclose(terms.tfidf(groups=groups, norm=norm).toarray()[:, columns], theirs.toarray(), atol=1e-12)


def test_terms_of_texts_without_words_are_one_zero_column():
    assert Terms(["", "?!"]).tfidf().toarray().tolist() == [[0.0], [0.0]]
