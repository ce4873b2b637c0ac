"""Our TF-IDF against scikit-learn's TfidfVectorizer: the same matrices, bit for bit."""

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from leadsignal.signals.tfidf import Tfidf

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
